// YAML editor (CodeMirror 6, loaded lazily): inline YAML and hub validation errors, save via REST.
import { html, css, nothing } from "lit";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { minimalSetup } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { yaml as yamlLanguage } from "@codemirror/lang-yaml";
import { type Diagnostic, linter, lintGutter, forceLinting } from "@codemirror/lint";
import { YAMLException, dump, load } from "js-yaml";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText } from "../lib/hub";

const NEW_AUTOMATION = `alias: New automation
description: ""
triggers:
  - trigger: state
    entity_id: binary_sensor.front_door
    to: "on"
conditions: []
actions:
  - action: persistent_notification.create
    data:
      message: Front door opened
mode: single
`;

interface Problem {
  line: number | null;
  message: string;
}

/** YAML syntax problems and the basic shape check, with 1-based line numbers. */
export function checkYaml(text: string, domain: string): { value: unknown; problems: Problem[] } {
  try {
    const value = load(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { value, problems: [{ line: 1, message: `The ${domain} must be a mapping (key: value).` }] };
    }
    const v = value as Record<string, unknown>;
    const problems: Problem[] = [];
    if (domain === "automation") {
      if (!("triggers" in v) && !("trigger" in v)) problems.push({ line: null, message: "An automation needs triggers." });
      if (!("actions" in v) && !("action" in v)) problems.push({ line: null, message: "An automation needs actions." });
    } else if (!("sequence" in v)) {
      problems.push({ line: null, message: "A script needs a sequence." });
    }
    return { value, problems };
  } catch (err) {
    if (err instanceof YAMLException) {
      return { value: null, problems: [{ line: (err.mark?.line ?? 0) + 1, message: err.reason || err.message }] };
    }
    return { value: null, problems: [{ line: null, message: String(err) }] };
  }
}

const lineFromMessage = (message: string): number | null => {
  const found = /line (\d+)/i.exec(message);
  return found ? Number(found[1]) : null;
};

export class AutomationEditor extends HubView {
  static properties = {
    ...HubView.properties,
    domain: { attribute: false },
    itemId: { attribute: false },
    problems: { state: true },
    status: { state: true },
    loadNote: { state: true },
    saving: { state: true },
  };
  declare domain: string;
  declare itemId: string;
  declare problems: Problem[];
  declare status: string;
  declare loadNote: string;
  declare saving: boolean;
  private view: EditorView | null = null;
  private serverProblems: Problem[] = [];
  private loadedFor = "";

  constructor() {
    super();
    this.domain = "automation";
    this.itemId = "";
    this.problems = [];
    this.status = "";
    this.loadNote = "";
    this.saving = false;
  }

  static styles = [
    shared,
    css`
      .editor {
        border: 1px solid var(--border);
        border-radius: 8px;
        overflow: hidden;
        background: var(--input);
        min-height: 300px;
      }
      .cm-editor {
        min-height: 300px;
        max-height: 70vh;
        font-size: 0.9rem;
      }
      .problems {
        margin: 0.6rem 0;
        padding-left: 1.2rem;
      }
      .problems li {
        color: var(--danger);
      }
    `,
  ];

  protected updated(): void {
    const key = `${this.domain}/${this.itemId}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = null;
  }

  private get isNew(): boolean {
    return this.itemId === "new" || !this.itemId;
  }

  private path(id: string): string {
    return `/api/config/${this.domain}/config/${encodeURIComponent(id)}`;
  }

  private async load(): Promise<void> {
    let text = NEW_AUTOMATION;
    this.loadNote = "";
    if (this.domain === "script") text = "alias: New script\nsequence: []\nmode: single\n";
    if (!this.isNew) {
      try {
        const config = await this.hub.rest<Record<string, unknown>>("GET", this.path(this.itemId));
        text = dump(config, { lineWidth: 100, noRefs: true });
      } catch (err) {
        const code = (err as { code?: number }).code;
        this.loadNote =
          code === 404
            ? unavailable(`Loading the stored ${this.domain} (GET ${this.path(this.itemId)})`)
            : `Could not load: ${errorText(err)}`;
        text = `# ${this.loadNote}\nid: "${this.itemId}"\nalias: ""\n`;
      }
    }
    this.mount(text);
  }

  private mount(text: string): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".editor");
    if (!host) return;
    this.view?.destroy();
    this.serverProblems = [];
    const yamlLint = linter(
      (view): Diagnostic[] => {
        const { problems } = checkYaml(view.state.doc.toString(), this.domain);
        const all = [...problems, ...this.serverProblems];
        this.problems = all;
        return all.map((p) => {
          const line = view.state.doc.line(Math.min(Math.max(p.line ?? 1, 1), view.state.doc.lines));
          return { from: line.from, to: line.to, severity: "error", message: p.message };
        });
      },
      { delay: 300 },
    );
    this.view = new EditorView({
      parent: host,
      root: this.renderRoot as ShadowRoot,
      state: EditorState.create({
        doc: text,
        extensions: [
          minimalSetup,
          lineNumbers(),
          highlightActiveLine(),
          keymap.of([indentWithTab]),
          yamlLanguage(),
          lintGutter(),
          yamlLint,
          EditorView.contentAttributes.of({ "aria-label": `${this.domain} YAML`, "data-testid": "yaml-editor" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) this.serverProblems = [];
          }),
          EditorView.theme({
            "&": { color: "var(--fg)", backgroundColor: "var(--input)" },
            ".cm-gutters": { backgroundColor: "var(--card)", color: "var(--muted)", border: "none" },
            ".cm-activeLine": { backgroundColor: "var(--accent-soft)" },
            ".cm-content": { caretColor: "var(--fg)", fontFamily: "ui-monospace, Menlo, Consolas, monospace" },
          }),
        ],
      }),
    });
  }

  private async save(): Promise<void> {
    if (!this.view) return;
    const text = this.view.state.doc.toString();
    const { value, problems } = checkYaml(text, this.domain);
    if (problems.length) {
      this.problems = problems;
      this.status = "Fix the errors before saving.";
      return;
    }
    const config = value as Record<string, unknown>;
    const id = this.isNew ? String(config.id ?? Date.now()) : this.itemId;
    this.saving = true;
    this.status = "";
    try {
      await this.hub.rest("POST", this.path(id), { ...config, id });
      this.status = "Saved and reloaded.";
      if (this.isNew) location.hash = `#/automations/edit/${this.domain}/${encodeURIComponent(id)}`;
    } catch (err) {
      const code = (err as { code?: number }).code;
      const message =
        code === 404 ? unavailable(`Saving ${this.domain}s (POST ${this.path(id)})`) : errorText(err);
      this.serverProblems = code === 404 ? [] : [{ line: lineFromMessage(message), message }];
      this.status = code === 404 ? message : "The hub rejected the configuration.";
      forceLinting(this.view);
    } finally {
      this.saving = false;
    }
  }

  render() {
    return html`
      <div class="row">
        <a class="btn" href="#/automations">← Back</a>
        <h1>${this.isNew ? `New ${this.domain}` : `Edit ${this.domain} ${this.itemId}`}</h1>
        <span class="spacer"></span>
        <button class="primary" ?disabled=${this.saving} @click=${this.save}>Save</button>
      </div>
      ${this.loadNote ? html`<p class="notice">${this.loadNote}</p>` : nothing}
      <div class="editor"></div>
      ${this.problems.length
        ? html`<ul class="problems" role="alert" data-testid="yaml-problems">
            ${this.problems.map((p) => html`<li>${p.line ? `Line ${p.line}: ` : ""}${p.message}</li>`)}
          </ul>`
        : html`<p class="small muted" data-testid="yaml-ok">YAML looks valid.</p>`}
      ${this.status ? html`<p role="status" data-testid="save-status">${this.status}</p>` : nothing}
    `;
  }
}
customElements.define("bastion-automation-editor", AutomationEditor);
