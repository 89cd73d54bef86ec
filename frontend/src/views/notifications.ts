// Notifications: the hub's persistent notifications, live, with dismiss.
import { html, css, nothing } from "lit";
import { HubView } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText } from "../lib/hub";
import { relativeTime } from "../lib/format";

interface Note {
  notification_id: string;
  title?: string | null;
  message: string;
  created_at?: string;
}
interface NoteEvent {
  type: "current" | "added" | "removed" | "updated";
  notifications: Record<string, Note>;
}

export class NotificationsView extends HubView {
  static properties = { ...HubView.properties, notes: { state: true }, error: { state: true } };
  declare notes: Record<string, Note>;
  declare error: string;
  private unsub: (() => void) | null = null;

  constructor() {
    super();
    this.notes = {};
    this.error = "";
  }

  static styles = [
    shared,
    css`
      .note {
        margin-bottom: 0.6rem;
      }
      .note p {
        white-space: pre-wrap;
        margin: 0.3rem 0;
      }
    `,
  ];

  protected hubConnected(): void {
    this.hub.conn
      .subscribeMessage<NoteEvent>((ev) => this.apply(ev), { type: "persistent_notification/subscribe" })
      .then((unsub) => (this.unsub = unsub))
      .catch((err) => (this.error = errorText(err)));
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsub?.();
  }

  private apply(ev: NoteEvent): void {
    if (ev.type === "current") this.notes = { ...ev.notifications };
    else if (ev.type === "removed") {
      const next = { ...this.notes };
      for (const id of Object.keys(ev.notifications)) delete next[id];
      this.notes = next;
    } else this.notes = { ...this.notes, ...ev.notifications };
  }

  private async dismiss(id: string): Promise<void> {
    try {
      await this.hub.call({ type: "persistent_notification/dismiss", notification_id: id });
    } catch (err) {
      this.error = errorText(err);
    }
  }

  render() {
    const notes = Object.values(this.notes).sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""));
    return html`
      <h1>Notifications</h1>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${notes.length ? nothing : html`<p class="muted">No notifications.</p>`}
      ${notes.map(
        (n) => html`<article class="card note" data-testid="notification">
          <div class="row">
            <strong>${n.title ?? "Notification"}</strong>
            <span class="spacer"></span>
            <span class="small muted">${n.created_at ? relativeTime(n.created_at) : ""}</span>
          </div>
          <p>${n.message}</p>
          <button @click=${() => this.dismiss(n.notification_id)}>Dismiss</button>
        </article>`,
      )}
    `;
  }
}
customElements.define("bastion-notifications", NotificationsView);
