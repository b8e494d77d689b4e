"""Small worlds written straight into the graph, shared by the browser tests and the screenshot script."""
