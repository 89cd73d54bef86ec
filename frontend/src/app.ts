// The shell: login gate, navigation, hash routing, connection banner.
import { LitElement, html, css, nothing } from "lit";
import type { Auth } from "home-assistant-js-websocket";
import { logout, needsOnboarding, storedAuth } from "./lib/auth";
import { Hub, errorText } from "./lib/hub";
import { shared } from "./lib/styles";
import { icon } from "./lib/icons";
import "./views/login";
import "./views/dashboard";
import "./views/alarm";
import "./views/security";
import "./views/history";
import "./views/automations";
import "./views/users";
import "./views/notifications";
import "./views/system";
import "./views/settings";

interface Route {
  path: string;
  label: string;
  icon: string;
  admin?: boolean;
}

const ROUTES: Route[] = [
  { path: "dashboard", label: "Dashboard", icon: "home" },
  { path: "alarm", label: "Alarm", icon: "shield" },
  { path: "security", label: "Security", icon: "alert" },
  { path: "history", label: "History", icon: "chart" },
  { path: "logbook", label: "Logbook", icon: "list" },
  { path: "automations", label: "Automations", icon: "gear", admin: true },
  { path: "notifications", label: "Notifications", icon: "bell" },
  { path: "users", label: "Users", icon: "users" },
  { path: "system", label: "System", icon: "info", admin: true },
  { path: "settings", label: "Settings", icon: "theme" },
];

const RESUMED_BANNER_MS = 4000;

const currentRoute = (): string[] => {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  return parts.length ? parts.map(decodeURIComponent) : ["dashboard"];
};

export class BastionApp extends LitElement {
  static properties = {
    hub: { state: true },
    mode: { state: true },
    route: { state: true },
    failure: { state: true },
    navOpen: { state: true },
  };
  declare hub: Hub | null;
  declare mode: "loading" | "onboarding" | "login" | "app";
  declare route: string[];
  declare failure: string;
  declare navOpen: boolean;
  private resumedTimer = 0;

  constructor() {
    super();
    this.hub = null;
    this.mode = "loading";
    this.route = currentRoute();
    this.failure = "";
    this.navOpen = false;
  }

  static styles = [
    shared,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .layout {
        display: grid;
        grid-template-columns: 220px 1fr;
        min-height: 100vh;
      }
      nav {
        background: var(--nav);
        color: var(--nav-fg);
        padding: 0.8rem 0.5rem;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav .brand {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 700;
        font-size: 1.2rem;
        padding: 0.3rem 0.7rem 0.8rem;
      }
      nav a {
        color: var(--nav-fg);
        text-decoration: none;
        padding: 0.55rem 0.7rem;
        border-radius: 8px;
        display: flex;
        gap: 0.6rem;
        align-items: center;
      }
      nav a[aria-current="page"] {
        background: rgba(255, 255, 255, 0.16);
        font-weight: 600;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.1);
      }
      nav .who {
        margin-top: auto;
        padding: 0.6rem 0.7rem;
        font-size: 0.85rem;
        opacity: 0.85;
      }
      nav button {
        background: transparent;
        color: var(--nav-fg);
        border-color: rgba(255, 255, 255, 0.3);
        margin: 0 0.5rem;
      }
      main {
        padding: 1rem 1.2rem 5rem;
        min-width: 0;
      }
      .topbar {
        display: none;
      }
      svg.icon {
        flex: none;
      }
      .banner {
        position: sticky;
        top: 0;
        z-index: 10;
        padding: 0.6rem 1rem;
        font-weight: 600;
        text-align: center;
      }
      .banner.lost {
        background: var(--danger);
        color: #fff;
      }
      .banner.back {
        background: var(--ok);
        color: #fff;
      }
      @media (max-width: 800px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .topbar {
          display: flex;
          align-items: center;
          gap: 0.6rem;
          background: var(--nav);
          color: var(--nav-fg);
          padding: 0.4rem 0.6rem;
          position: sticky;
          top: 0;
          z-index: 5;
        }
        .topbar button {
          background: transparent;
          color: var(--nav-fg);
          border-color: rgba(255, 255, 255, 0.3);
        }
        nav {
          display: none;
        }
        nav.open {
          display: flex;
          position: fixed;
          inset: 48px 0 0 0;
          z-index: 20;
          overflow: auto;
        }
        main {
          padding: 0.8rem 0.7rem 4rem;
        }
      }
    `,
  ];

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.onHash);
    void this.start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.onHash);
  }

  private onHash = (): void => {
    this.route = currentRoute();
    this.navOpen = false;
  };

  private async start(): Promise<void> {
    const auth = storedAuth();
    if (auth) {
      await this.connect(auth);
      return;
    }
    this.mode = (await needsOnboarding()) ? "onboarding" : "login";
  }

  private async connect(auth: Auth): Promise<void> {
    this.failure = "";
    try {
      const hub = new Hub(auth);
      await hub.connect();
      hub.subscribe(() => this.onHubChange());
      this.hub = hub;
      this.mode = "app";
      if (location.hash.startsWith("#/onboarding") || !location.hash) location.hash = "#/dashboard";
    } catch (err) {
      this.failure = `Could not connect: ${errorText(err)}`;
      await logout(null);
      this.mode = (await needsOnboarding()) ? "onboarding" : "login";
    }
  }

  private onHubChange(): void {
    const hub = this.hub;
    if (hub && hub.resumedAt && Date.now() - hub.resumedAt < RESUMED_BANNER_MS) {
      clearTimeout(this.resumedTimer);
      this.resumedTimer = window.setTimeout(() => {
        if (this.hub) this.hub.resumedAt = 0;
        this.requestUpdate();
      }, RESUMED_BANNER_MS);
    }
    this.requestUpdate();
  }

  private async signOut(): Promise<void> {
    const hub = this.hub;
    hub?.close();
    this.hub = null;
    await logout(hub?.auth ?? null);
    this.mode = "login";
  }

  render() {
    if (this.mode === "loading") return html`<p class="muted" style="padding:2rem">Loading…</p>`;
    if (this.mode !== "app" || !this.hub) {
      return html`
        ${this.failure ? html`<div class="banner lost" role="alert">${this.failure}</div>` : nothing}
        <bastion-login
          ?onboarding=${this.mode === "onboarding"}
          @logged-in=${(ev: CustomEvent<Auth>) => this.connect(ev.detail)}
        ></bastion-login>
      `;
    }
    const hub = this.hub;
    const admin = hub.user?.is_admin ?? false;
    const [page] = this.route;
    return html`
      ${hub.status === "disconnected"
        ? html`<div class="banner lost" role="alert" data-testid="connection-lost">
            Connection to the hub lost — reconnecting…
          </div>`
        : hub.resumedAt
          ? html`<div class="banner back" role="status" data-testid="connection-back">
              Connection restored
            </div>`
          : nothing}
      <div class="topbar">
        <button
          aria-label="Menu"
          aria-expanded=${this.navOpen}
          @click=${() => (this.navOpen = !this.navOpen)}
        >
          ${icon("menu")}
        </button>
        <strong>${String(hub.config.location_name ?? "Bastion")}</strong>
      </div>
      <div class="layout">
        <nav class=${this.navOpen ? "open" : ""} aria-label="Main">
          <div class="brand">${icon("shield")} ${String(hub.config.location_name ?? "Bastion")}</div>
          ${ROUTES.filter((r) => admin || !r.admin).map(
            (r) => html`<a
              href="#/${r.path}"
              aria-current=${page === r.path ? "page" : "false"}
              >${icon(r.icon)}${r.label}</a
            >`,
          )}
          <div class="who">Signed in as ${hub.user?.name ?? "…"}</div>
          <button @click=${this.signOut}>Sign out</button>
        </nav>
        <main id="main">${this.renderPage(page, hub)}</main>
      </div>
    `;
  }

  private renderPage(page: string, hub: Hub) {
    const rest = this.route.slice(1);
    switch (page) {
      case "alarm":
        return html`<bastion-alarm .hub=${hub}></bastion-alarm>`;
      case "security":
        return html`<bastion-security .hub=${hub}></bastion-security>`;
      case "history":
        return html`<bastion-history .hub=${hub}></bastion-history>`;
      case "logbook":
        return html`<bastion-logbook .hub=${hub}></bastion-logbook>`;
      case "automations":
        return html`<bastion-automations .hub=${hub} .path=${rest}></bastion-automations>`;
      case "notifications":
        return html`<bastion-notifications .hub=${hub}></bastion-notifications>`;
      case "users":
        return html`<bastion-users .hub=${hub}></bastion-users>`;
      case "system":
        return html`<bastion-system .hub=${hub}></bastion-system>`;
      case "settings":
        return html`<bastion-settings .hub=${hub}></bastion-settings>`;
      default:
        return html`<bastion-dashboard .hub=${hub}></bastion-dashboard>`;
    }
  }
}
customElements.define("bastion-app", BastionApp);
