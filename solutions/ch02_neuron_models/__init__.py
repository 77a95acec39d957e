"""Chapter 2 — neuron models (神経細胞のモデル)."""
