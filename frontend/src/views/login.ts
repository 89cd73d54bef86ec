// First start (setup code → owner) and login (username/password, then MFA code when enabled).
import { LitElement, html, css } from "lit";
import type { Auth } from "home-assistant-js-websocket";
import {
  type FlowStep,
  createOwner,
  exchangeCode,
  startLoginFlow,
  submitLoginStep,
} from "../lib/auth";
import { shared } from "../lib/styles";
import { icon } from "../lib/icons";

const ERRORS: Record<string, string> = {
  invalid_auth: "Wrong username or password.",
  invalid_code: "That code is not valid. Try the current code from your app.",
  too_many_attempts: "Too many attempts. Start again.",
};

export class LoginView extends LitElement {
  static properties = {
    onboarding: { type: Boolean },
    step: { state: true },
    error: { state: true },
    busy: { state: true },
    placeholders: { state: true },
  };
  declare onboarding: boolean;
  declare step: "credentials" | "mfa" | "mfa_setup";
  declare error: string;
  declare busy: boolean;
  declare placeholders: Record<string, string> | null;
  private flow: FlowStep | null = null;

  constructor() {
    super();
    this.onboarding = false;
    this.step = "credentials";
    this.error = "";
    this.busy = false;
    this.placeholders = null;
  }

  static styles = [
    shared,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      form {
        width: min(420px, 100%);
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 1.4rem;
        font-weight: 700;
        color: var(--accent);
      }
      code {
        word-break: break-all;
      }
    `,
  ];

  private done(auth: Auth): void {
    this.dispatchEvent(new CustomEvent("logged-in", { detail: auth, bubbles: true, composed: true }));
  }

  private field(form: HTMLFormElement, name: string): string {
    return (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
  }

  private async submit(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    this.busy = true;
    this.error = "";
    try {
      if (this.onboarding) await this.submitOnboarding(form);
      else await this.submitLogin(form);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  private async submitOnboarding(form: HTMLFormElement): Promise<void> {
    const password = this.field(form, "password");
    if (password !== this.field(form, "password2")) {
      this.error = "The passwords do not match.";
      return;
    }
    const code = await createOwner({
      code: this.field(form, "code").trim(),
      name: this.field(form, "name"),
      username: this.field(form, "username"),
      password,
    });
    if (code) {
      this.done(await exchangeCode(code));
    } else {
      this.onboarding = false;
      this.error = "Owner created. Sign in to continue.";
    }
  }

  private async submitLogin(form: HTMLFormElement): Promise<void> {
    let result: FlowStep;
    if (this.step === "credentials" || !this.flow) {
      this.flow = await startLoginFlow();
      result = await submitLoginStep(this.flow.flow_id, {
        username: this.field(form, "username"),
        password: this.field(form, "password"),
      });
    } else {
      result = await submitLoginStep(this.flow.flow_id, { code: this.field(form, "code").trim() });
    }
    this.flow = result;
    if (result.type === "create_entry" && result.result) {
      this.done(await exchangeCode(result.result));
      return;
    }
    if (result.type === "abort") {
      this.step = "credentials";
      this.flow = null;
      this.error = ERRORS[result.reason ?? ""] ?? `Login stopped: ${result.reason}`;
      return;
    }
    this.step = result.step_id === "mfa_setup" ? "mfa_setup" : result.step_id === "mfa" ? "mfa" : "credentials";
    this.placeholders = result.description_placeholders ?? null;
    const base = result.errors?.base;
    if (base) this.error = ERRORS[base] ?? base;
  }

  render() {
    return html`
      <form class="card" @submit=${this.submit} aria-busy=${this.busy}>
        <div class="brand">${icon("shield")} Bastion</div>
        ${this.onboarding ? this.renderOnboarding() : this.renderLogin()}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ""}
      </form>
    `;
  }

  private renderOnboarding() {
    return html`
      <h1>Welcome — create the owner</h1>
      <p class="muted small">
        Enter the one-time setup code printed on the hub's console at first start.
      </p>
      <label>Setup code<input name="code" autocomplete="one-time-code" required autofocus /></label>
      <label>Your name<input name="name" autocomplete="name" required /></label>
      <label>Username<input name="username" autocomplete="username" required /></label>
      <label
        >Password<input
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="8"
          required
      /></label>
      <label
        >Repeat password<input
          name="password2"
          type="password"
          autocomplete="new-password"
          required
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Create owner</button>
    `;
  }

  private renderLogin() {
    if (this.step === "credentials") {
      return html`
        <h1>Sign in</h1>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label
          >Password<input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      `;
    }
    const setup = this.step === "mfa_setup";
    return html`
      <h1>${setup ? "Set up two-factor authentication" : "Two-factor authentication"}</h1>
      ${setup && this.placeholders
        ? html`<p class="small">
            Add this secret to your authenticator app, then enter the current code:
            <code>${this.placeholders.secret}</code>
          </p>`
        : html`<p class="muted small">Enter the 6-digit code from your authenticator app.</p>`}
      <label
        >Code<input
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9A-Za-z-]*"
          required
          autofocus
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Verify</button>
    `;
  }
}
customElements.define("bastion-login", LoginView);
