// Dashboard: entities grouped by floor and area, live via subscribe_entities.
import { html, css, nothing } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import { HubView } from "../lib/view";
import { shared } from "../lib/styles";
import { domainOf } from "../lib/format";
import "./entity-card";

const HIDDEN_DOMAINS = new Set(["automation", "zone", "persistent_notification", "sun", "tag"]);
const SPARK_HOURS = 24;

interface AreaGroup {
  id: string;
  name: string;
  entities: HassEntity[];
}

export class DashboardView extends HubView {
  static properties = { ...HubView.properties, filter: { state: true }, sparks: { state: true } };
  declare filter: string;
  declare sparks: Record<string, number[]>;
  private sparkLoaded = false;

  constructor() {
    super();
    this.filter = "";
    this.sparks = {};
  }

  static styles = [
    shared,
    css`
      section {
        margin-bottom: 1.4rem;
      }
      .floor {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--muted);
        margin: 1.2rem 0 0.4rem;
      }
      input[type="search"] {
        width: min(320px, 100%);
      }
    `,
  ];

  protected updated(): void {
    if (!this.sparkLoaded && Object.keys(this.hub.entities).length) {
      this.sparkLoaded = true;
      void this.loadSparks();
    }
  }

  private numericIds(): string[] {
    return Object.values(this.hub.entities)
      .filter((s) => domainOf(s.entity_id) === "sensor" && s.attributes.unit_of_measurement !== undefined)
      .map((s) => s.entity_id);
  }

  private async loadSparks(): Promise<void> {
    const ids = this.numericIds();
    if (!ids.length) return;
    try {
      const start = new Date(Date.now() - SPARK_HOURS * 3600_000).toISOString();
      const result = await this.hub.call<Record<string, { s: string }[]>>({
        type: "history/history_during_period",
        start_time: start,
        entity_ids: ids,
        minimal_response: true,
        no_attributes: true,
      });
      const sparks: Record<string, number[]> = {};
      for (const [id, rows] of Object.entries(result)) {
        sparks[id] = rows.map((r) => Number(r.s)).filter(Number.isFinite);
      }
      this.sparks = sparks;
    } catch {
      // No recorder: cards simply show no sparkline.
    }
  }

  private groups(): { floor: string | null; areas: AreaGroup[] }[] {
    const hub = this.hub;
    const needle = this.filter.trim().toLowerCase();
    const byArea = new Map<string, HassEntity[]>();
    for (const s of Object.values(hub.entities)) {
      if (HIDDEN_DOMAINS.has(domainOf(s.entity_id))) continue;
      if (hub.entries.get(s.entity_id)?.hidden_by) continue;
      if (needle && !`${hub.name(s.entity_id)} ${s.entity_id}`.toLowerCase().includes(needle)) continue;
      const area = hub.areaOf(s.entity_id) ?? "";
      const list = byArea.get(area) ?? [];
      list.push(s);
      byArea.set(area, list);
    }
    const sortEntities = (list: HassEntity[]) =>
      list.sort((a, b) => hub.name(a.entity_id).localeCompare(hub.name(b.entity_id)));
    const areaGroups: (AreaGroup & { floor: string | null })[] = hub.areas
      .filter((a) => byArea.has(a.area_id))
      .map((a) => ({
        id: a.area_id,
        name: a.name,
        floor: a.floor_id ?? null,
        entities: sortEntities(byArea.get(a.area_id)!),
      }));
    const known = new Set(hub.areas.map((a) => a.area_id));
    for (const [id, list] of byArea) {
      if (!known.has(id)) {
        areaGroups.push({ id: id || "other", name: id || "Other", floor: null, entities: sortEntities(list) });
      }
    }
    const floors = [...hub.floors].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
    const result = floors
      .map((f) => ({ floor: f.name as string | null, areas: areaGroups.filter((g) => g.floor === f.floor_id) }))
      .filter((f) => f.areas.length);
    const floorIds = new Set(floors.map((f) => f.floor_id));
    const loose = areaGroups.filter((g) => !g.floor || !floorIds.has(g.floor));
    if (loose.length) result.push({ floor: floors.length ? "Other areas" : null, areas: loose });
    return result;
  }

  render() {
    const groups = this.groups();
    return html`
      <div class="row">
        <h1>Dashboard</h1>
        <span class="spacer"></span>
        <input
          type="search"
          placeholder="Filter entities"
          aria-label="Filter entities"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${groups.length === 0 ? html`<p class="muted">No entities yet.</p>` : nothing}
      ${groups.map(
        (f) => html`
          ${f.floor ? html`<div class="floor" role="heading" aria-level="2">${f.floor}</div>` : nothing}
          ${f.areas.map(
            (a) => html`<section aria-labelledby="area-${a.id}" data-area=${a.id}>
              <h2 id="area-${a.id}">${a.name}</h2>
              <div class="grid">
                ${a.entities.map(
                  (s) => html`<bastion-entity
                    .hub=${this.hub}
                    .stateObj=${s}
                    .spark=${this.sparks[s.entity_id]}
                  ></bastion-entity>`,
                )}
              </div>
            </section>`,
          )}
        `,
      )}
    `;
  }
}
customElements.define("bastion-dashboard", DashboardView);
