// Stands in for "server-only" outside Next's server bundle (Vitest runs the server modules directly).
export {};
