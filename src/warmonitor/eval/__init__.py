"""Scoring warmonitor against public, human-annotated gold sets (``warmonitor eval``).

The mapping from warmonitor's taxonomy to each set's labels lives here, never in the product.
"""
