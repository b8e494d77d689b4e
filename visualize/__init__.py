"""Rendering of GraphViews: pure functions from a GraphView to an HTML page, and the explorer's assets."""
