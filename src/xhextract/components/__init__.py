"""spaCy components: each finds mentions on the Doc's text; the resolver merges them."""
