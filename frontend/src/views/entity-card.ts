// One entity as a control that fits its domain (toggle, slider, lock, cover, climate, sensor).
import { LitElement, html, css, nothing, svg } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import type { Hub } from "../lib/hub";
import { errorText } from "../lib/hub";
import { domainOf, isActive, isUnavailable, stateText } from "../lib/format";
import { shared } from "../lib/styles";
import { entityIcon, icon } from "../lib/icons";

const TOGGLE_DOMAINS = new Set(["light", "switch", "fan", "input_boolean", "siren", "automation"]);
const SUPPORT_BRIGHTNESS_MODES = new Set(["brightness", "color_temp", "hs", "rgb", "rgbw", "rgbww", "xy", "white"]);

export class EntityCard extends LitElement {
  static properties = {
    hub: { attribute: false },
    stateObj: { attribute: false },
    spark: { attribute: false },
    confirming: { state: true },
    error: { state: true },
  };
  declare hub: Hub;
  declare stateObj: HassEntity;
  declare spark: number[] | undefined;
  declare confirming: string;
  declare error: string;

  constructor() {
    super();
    this.confirming = "";
    this.error = "";
  }

  static styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .card {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .card.active {
        border-color: var(--accent);
      }
      .card.unavailable {
        opacity: 0.65;
        border-style: dashed;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .icon {
        display: flex;
        color: var(--muted);
        flex: none;
      }
      .active .icon {
        color: var(--accent);
      }
      .name {
        font-weight: 600;
        flex: 1;
        min-width: 0;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .state-row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        min-height: 30px;
      }
      .state {
        font-size: 0.95rem;
      }
      .state.warn {
        color: var(--danger);
        font-weight: 600;
      }
      input[type="range"] {
        width: 100%;
        padding: 0;
      }
      .switch {
        position: relative;
        width: 52px;
        height: 30px;
        border-radius: 15px;
        padding: 0;
        min-height: 0;
        background: var(--border);
      }
      .switch[aria-checked="true"] {
        background: var(--accent);
        border-color: var(--accent);
      }
      .switch::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: #fff;
        transition: transform 0.15s;
      }
      .switch[aria-checked="true"]::after {
        transform: translateX(22px);
      }
      svg {
        width: 100%;
        height: 36px;
      }
      polyline {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2;
      }
    `,
  ];

  private async call(domain: string, service: string, data: Record<string, unknown> = {}) {
    this.error = "";
    try {
      await this.hub.callService(domain, service, { entity_id: this.stateObj.entity_id, ...data });
    } catch (err) {
      this.error = errorText(err);
    }
  }

  render() {
    const s = this.stateObj;
    const domain = domainOf(s.entity_id);
    const unavailable = isUnavailable(s);
    const name = this.hub.name(s.entity_id);
    const warn =
      s.state === "unavailable" ||
      (domain === "lock" && s.state === "jammed") ||
      (domain === "alarm_control_panel" && s.state === "triggered") ||
      (domain === "binary_sensor" &&
        s.state === "on" &&
        ["smoke", "gas", "carbon_monoxide", "moisture", "tamper", "problem"].includes(
          String(s.attributes.device_class),
        ));
    return html`
      <div
        class="card ${isActive(s) ? "active" : ""} ${unavailable ? "unavailable" : ""}"
        data-entity=${s.entity_id}
      >
        <div class="head">
          <span class="icon">${icon(entityIcon(domain, s.attributes.device_class))}</span>
          <span class="name">${name}</span>
        </div>
        <div class="state-row">
          <span class="state ${warn ? "warn" : ""}" data-testid="state">${stateText(s)}</span>
          ${TOGGLE_DOMAINS.has(domain) && !unavailable ? this.renderSwitch(s, domain, name) : nothing}
        </div>
        ${unavailable ? nothing : this.renderControls(s, domain, name)}
        ${this.spark && this.spark.length > 1 ? this.renderSpark(this.spark) : nothing}
        ${this.error ? html`<div class="error small" role="alert">${this.error}</div>` : nothing}
      </div>
    `;
  }

  private renderSwitch(s: HassEntity, domain: string, name: string) {
    const on = s.state === "on";
    const service = domain === "automation" ? (on ? "turn_off" : "turn_on") : "toggle";
    return html`<button
      class="switch"
      role="switch"
      aria-checked=${on ? "true" : "false"}
      aria-label="${name}: ${on ? "on" : "off"}"
      @click=${() => this.call(domain === "siren" && on ? "siren" : domain, domain === "siren" ? (on ? "turn_off" : "turn_on") : service)}
    ></button>`;
  }

  private renderControls(s: HassEntity, domain: string, name: string) {
    switch (domain) {
      case "light": {
        const modes = (s.attributes.supported_color_modes as string[] | undefined) ?? [];
        if (!modes.some((m) => SUPPORT_BRIGHTNESS_MODES.has(m))) return nothing;
        const pct = Math.round(((Number(s.attributes.brightness) || 0) / 255) * 100);
        return html`<label class="small"
          >Brightness ${s.state === "on" ? `${pct}%` : ""}
          <input
            type="range"
            min="1"
            max="100"
            .value=${String(pct || 1)}
            aria-label="${name} brightness"
            @change=${(e: Event) =>
              this.call("light", "turn_on", {
                brightness_pct: Number((e.target as HTMLInputElement).value),
              })}
        /></label>`;
      }
      case "lock":
        return this.renderLock(s, name);
      case "cover":
      case "valve": {
        const open = domain === "cover" ? "open_cover" : "open_valve";
        const close = domain === "cover" ? "close_cover" : "close_valve";
        const stop = domain === "cover" ? "stop_cover" : "stop_valve";
        return html`<div class="row">
          <button @click=${() => this.call(domain, open)} aria-label="Open ${name}">Open</button>
          <button @click=${() => this.call(domain, stop)} aria-label="Stop ${name}">Stop</button>
          <button @click=${() => this.call(domain, close)} aria-label="Close ${name}">Close</button>
        </div>`;
      }
      case "climate": {
        const target = Number(s.attributes.temperature);
        const step = Number(s.attributes.target_temp_step) || 0.5;
        const current = s.attributes.current_temperature;
        return html`<div class="small muted">
            Current ${current ?? "—"} · mode ${s.state}
          </div>
          <div class="row">
            <button aria-label="Lower ${name} target" @click=${() => this.call("climate", "set_temperature", { temperature: target - step })}>−</button>
            <strong aria-live="polite">${Number.isFinite(target) ? target : "—"}°</strong>
            <button aria-label="Raise ${name} target" @click=${() => this.call("climate", "set_temperature", { temperature: target + step })}>+</button>
          </div>`;
      }
      case "input_number": {
        const a = s.attributes;
        return html`<input
          type="range"
          min=${String(a.min)}
          max=${String(a.max)}
          step=${String(a.step ?? 1)}
          .value=${s.state}
          aria-label=${name}
          @change=${(e: Event) =>
            this.call("input_number", "set_value", {
              value: Number((e.target as HTMLInputElement).value),
            })}
        />`;
      }
      case "script":
      case "scene":
      case "button":
      case "input_button": {
        const service = domain === "script" || domain === "scene" ? "turn_on" : "press";
        return html`<button @click=${() => this.call(domain, service)}>
          ${domain === "script" ? "Run" : domain === "scene" ? "Activate" : "Press"}
        </button>`;
      }
      case "alarm_control_panel":
        return html`<a class="btn" href="#/alarm">Open keypad</a>`;
      default:
        return nothing;
    }
  }

  private renderLock(s: HassEntity, name: string) {
    const locked = s.state === "locked";
    const action = locked ? "unlock" : "lock";
    if (this.confirming === action) {
      return html`<div class="row" role="group" aria-label="Confirm ${action}">
        <span class="small">${locked ? "Unlock" : "Lock"} ${name}?</span>
        <button
          class=${locked ? "danger" : "primary"}
          @click=${() => {
            this.confirming = "";
            void this.call("lock", action);
          }}
        >
          Yes, ${action}
        </button>
        <button @click=${() => (this.confirming = "")}>Cancel</button>
      </div>`;
    }
    return html`<button @click=${() => (this.confirming = action)} aria-label="${locked ? "Unlock" : "Lock"} ${name}">
      ${locked ? "Unlock" : "Lock"}
    </button>`;
  }

  private renderSpark(values: number[]) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min || 1;
    const points = values
      .map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${(30 - ((v - min) / span) * 28 + 1).toFixed(1)}`)
      .join(" ");
    return html`<svg viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label="Last 24 hours">
      ${svg`<polyline points=${points}></polyline>`}
    </svg>`;
  }
}
customElements.define("bastion-entity", EntityCard);
