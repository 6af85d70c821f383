import { mount } from 'svelte';
import './ui/styles/theme.css';
import { applyTheme, loadTheme } from './ui/lib/theme';
import App from './ui/App.svelte';

applyTheme(loadTheme()); // before mounting, so the first paint has the right colours
const app = mount(App, { target: document.getElementById('app')! });
export default app;
