import { createApp } from 'vue';
// Registers <mfa-flow> (the element's ES module, with everything it needs inside).
import '@mfa-kit/element';
import App from './App.vue';

createApp(App).mount('#app');
