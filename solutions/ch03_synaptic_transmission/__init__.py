"""Chapter 3 — synaptic transmission (シナプス伝達のモデル)."""
