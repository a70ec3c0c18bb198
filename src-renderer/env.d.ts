// Stylesheets are bundled by Vite; only the entry module imports them.
declare module '*.css';
