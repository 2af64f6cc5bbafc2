"""The rule catalogue: one module per rule, named by its code, each defining ``RULE``.

Code ranges PERF1xx, REL1xx and COST0xx are reserved for rules that read ``ctx.analysis``.
"""
