// System info: hub configuration and system health (streamed by system_health/info).
import { html, nothing } from "lit";
import { HubView } from "../lib/view";
import { errorText } from "../lib/hub";

type Health = Record<string, { info?: Record<string, unknown> }>;

export class SystemView extends HubView {
  static properties = { ...HubView.properties, health: { state: true }, error: { state: true } };
  declare health: Health;
  declare error: string;
  private unsub: (() => void) | null = null;

  constructor() {
    super();
    this.health = {};
    this.error = "";
  }

  protected hubConnected(): void {
    this.hub.conn
      .subscribeMessage<{ type: string; data?: Health; domain?: string; key?: string; success?: boolean }>(
        (msg) => {
          if (msg.type === "initial" && msg.data) this.health = msg.data;
          else if (msg.type === "update" && msg.domain && msg.key) {
            const part = this.health[msg.domain] ?? { info: {} };
            this.health = { ...this.health, [msg.domain]: { info: { ...part.info, [msg.key]: msg.data } } };
          }
        },
        { type: "system_health/info" },
      )
      .then((unsub) => (this.unsub = unsub))
      .catch((err) => (this.error = errorText(err)));
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsub?.();
  }

  render() {
    const c = this.hub.config;
    const facts: [string, unknown][] = [
      ["Name", c.location_name],
      ["Version", c.version],
      ["Time zone", c.time_zone],
      ["State", c.state],
      ["Configuration", c.config_dir],
      ["Entities", Object.keys(this.hub.entities).length],
      ["Areas", this.hub.areas.length],
      ["Integrations", Array.isArray(c.components) ? c.components.length : "—"],
    ];
    return html`
      <h1>System</h1>
      <section class="card">
        <table>
          <tbody>
            ${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${String(v ?? "—")}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <h2 style="margin-top:1rem">Health</h2>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${Object.entries(this.health).map(
        ([domain, part]) => html`<section class="card" style="margin-bottom:0.6rem">
          <h3>${domain}</h3>
          <table>
            <tbody>
              ${Object.entries(part.info ?? {}).map(
                ([k, v]) => html`<tr><th scope="row">${k.replace(/_/g, " ")}</th><td>${typeof v === "object" ? JSON.stringify(v) : String(v)}</td></tr>`,
              )}
            </tbody>
          </table>
        </section>`,
      )}
    `;
  }
}
customElements.define("bastion-system", SystemView);
