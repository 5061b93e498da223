"""Adapters that show how tools are written, and that the tests and the node use."""
