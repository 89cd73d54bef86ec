// Entry point: global theme variables, then the app shell.
import "./app";
import { applyTheme } from "./lib/theme";

applyTheme();
