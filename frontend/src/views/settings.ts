// Browser settings: theme.
import { html } from "lit";
import { HubView } from "../lib/view";
import { type ThemeChoice, setTheme, themeChoice } from "../lib/theme";

export class SettingsView extends HubView {
  static properties = { ...HubView.properties, theme: { state: true } };
  declare theme: ThemeChoice;

  constructor() {
    super();
    this.theme = themeChoice();
  }

  private choose(choice: ThemeChoice): void {
    setTheme(choice);
    this.theme = choice;
  }

  render() {
    const options: [ThemeChoice, string][] = [
      ["auto", "Follow the system"],
      ["light", "Light"],
      ["dark", "Dark"],
    ];
    return html`
      <h1>Settings</h1>
      <section class="card">
        <fieldset style="border:0;padding:0;margin:0">
          <legend><h2>Theme (this browser)</h2></legend>
          ${options.map(
            ([value, label]) => html`<label style="flex-direction:row;align-items:center;gap:0.5rem;margin:0.4rem 0">
              <input
                type="radio"
                name="theme"
                value=${value}
                .checked=${this.theme === value}
                @change=${() => this.choose(value)}
              />
              ${label}
            </label>`,
          )}
        </fieldset>
      </section>
    `;
  }
}
customElements.define("bastion-settings", SettingsView);
