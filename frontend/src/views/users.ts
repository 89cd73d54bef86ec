// Users and roles (admin), own sessions and long-lived tokens.
import { html, css, nothing } from "lit";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import { timeText } from "../lib/format";

interface UserRow {
  id: string;
  name: string;
  username?: string | null;
  is_owner?: boolean;
  is_active?: boolean;
  role?: string;
  group_ids?: string[];
  mfa_enabled?: boolean;
}
interface TokenRow {
  id: string;
  client_name?: string | null;
  client_id?: string | null;
  type?: string;
  token_type?: string;
  created_at?: string;
  last_used_at?: string | null;
  last_used_ip?: string | null;
  is_current?: boolean;
}
const TOKEN_DAYS = 365;

export class UsersView extends HubView {
  static properties = {
    ...HubView.properties,
    users: { state: true },
    usersError: { state: true },
    tokens: { state: true },
    newToken: { state: true },
    message: { state: true },
  };
  declare users: UserRow[] | null;
  declare usersError: string;
  declare tokens: TokenRow[] | null;
  declare newToken: string;
  declare message: string;

  constructor() {
    super();
    this.users = null;
    this.usersError = "";
    this.tokens = null;
    this.newToken = "";
    this.message = "";
  }

  static styles = [
    shared,
    css`
      section {
        margin-bottom: 1rem;
      }
      code {
        word-break: break-all;
        display: block;
        padding: 0.5rem;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  protected hubConnected(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    if (this.hub.user?.is_admin) {
      try {
        this.users = await this.hub.call<UserRow[]>({ type: "config/auth/list" });
        this.usersError = "";
      } catch (err) {
        this.users = null;
        this.usersError = isUnknownCommand(err) ? unavailable("User management (config/auth/list)") : errorText(err);
      }
    }
    try {
      this.tokens = await this.hub.call<TokenRow[]>({ type: "auth/refresh_tokens" });
    } catch (err) {
      this.tokens = null;
      this.message = errorText(err);
    }
  }

  private async createToken(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    const input = (ev.target as HTMLFormElement).elements.namedItem("client_name") as HTMLInputElement;
    try {
      this.newToken = await this.hub.call<string>({
        type: "auth/long_lived_access_token",
        client_name: input.value,
        lifespan: TOKEN_DAYS,
      });
      input.value = "";
      await this.load();
    } catch (err) {
      this.message = errorText(err);
    }
  }

  private async revoke(token: TokenRow): Promise<void> {
    if (!confirm(`Revoke ${token.client_name ?? token.client_id ?? "this token"}?`)) return;
    try {
      await this.hub.call({ type: "auth/delete_refresh_token", refresh_token_id: token.id });
      await this.load();
    } catch (err) {
      this.message = errorText(err);
    }
  }

  render() {
    const me = this.hub.user;
    return html`
      <h1>Users and access</h1>
      <section class="card">
        <h2>You</h2>
        <p>
          ${me?.name} <span class="muted">(${me?.username ?? ""})</span>
          <span class="badge">${me?.role ?? (me?.is_owner ? "owner" : me?.is_admin ? "admin" : "user")}</span>
          ${me?.mfa_modules?.some((m) => m.enabled)
            ? html`<span class="badge on">Two-factor on</span>`
            : html`<span class="badge">Two-factor off</span>`}
        </p>
      </section>
      ${me?.is_admin
        ? html`<section class="card">
            <h2>Users and roles</h2>
            ${this.usersError ? html`<p class="muted">${this.usersError}</p>` : nothing}
            ${this.users
              ? html`<div class="table-wrap"><table>
                  <thead><tr><th>Name</th><th>Username</th><th>Role</th><th>Active</th><th>MFA</th></tr></thead>
                  <tbody>
                    ${this.users.map(
                      (u) => html`<tr>
                        <td>${u.name}</td>
                        <td>${u.username ?? "—"}</td>
                        <td>${u.role ?? (u.is_owner ? "owner" : (u.group_ids ?? []).join(", "))}</td>
                        <td>${u.is_active === false ? "No" : "Yes"}</td>
                        <td>${u.mfa_enabled ? "Yes" : "No"}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table></div>`
              : nothing}
          </section>`
        : nothing}
      <section class="card">
        <h2>Sessions and long-lived tokens</h2>
        ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : nothing}
        ${this.tokens
          ? html`<div class="table-wrap"><table>
              <thead><tr><th>Client</th><th>Type</th><th>Created</th><th>Last used</th><th></th></tr></thead>
              <tbody>
                ${this.tokens.map(
                  (t) => html`<tr>
                    <td>${t.client_name ?? t.client_id ?? "—"} ${t.is_current ? html`<span class="badge on">this browser</span>` : nothing}</td>
                    <td>${(t.token_type ?? t.type ?? "").replace(/_/g, " ")}</td>
                    <td>${t.created_at ? timeText(t.created_at) : "—"}</td>
                    <td>${t.last_used_at ? `${timeText(t.last_used_at)} ${t.last_used_ip ?? ""}` : "—"}</td>
                    <td>${t.is_current ? nothing : html`<button @click=${() => this.revoke(t)}>Revoke</button>`}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
          : nothing}
        <form class="row" style="margin-top:0.8rem" @submit=${this.createToken}>
          <label>New long-lived token name<input name="client_name" required maxlength="128" /></label>
          <button type="submit" style="align-self:flex-end">Create token</button>
        </form>
        ${this.newToken
          ? html`<p class="notice">Copy this token now — it is shown only once:</p>
              <code data-testid="new-token">${this.newToken}</code>`
          : nothing}
      </section>
    `;
  }
}
customElements.define("bastion-users", UsersView);
