// Cross-app tests talk to a real broker; first metadata fetches and group joins can take seconds.
jest.setTimeout(120_000);
