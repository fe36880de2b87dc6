// Wires the page together (filled by the page issue).
