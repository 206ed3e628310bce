"""The map page: what a browser needs to show stored events without reaching the network."""
