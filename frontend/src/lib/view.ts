// Base class for screens: holds the shared Hub and re-renders when it changes.
import { LitElement } from "lit";
import type { Hub } from "./hub";
import { shared } from "./styles";

export class HubView extends LitElement {
  static properties = { hub: { attribute: false } };
  declare hub: Hub;
  private unsubscribe: (() => void) | null = null;
  static styles = [shared];

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.hub?.subscribe(() => this.requestUpdate()) ?? null;
    this.hubConnected();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Called once the view is attached (load data here). */
  protected hubConnected(): void {}
}

/** A "not available on this hub" notice for a missing backend command. */
export const unavailable = (what: string): string =>
  `${what} is not available on this hub (the hub does not offer that command yet).`;
