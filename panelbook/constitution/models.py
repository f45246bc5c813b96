"""How the bodies are constituted."""
