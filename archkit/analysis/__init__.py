"""Quantitative analysis (pure core): load, queueing latency, availability, capacity and cost.

``analyze(arch)`` returns an ``Analysis``; ``diff(a, b)`` compares two. See docs/analysis.md
for the method, the formulas, the defaults and the price table.
"""

from archkit.analysis.core import analyze
from archkit.analysis.diff import AnalysisDiff, diff
from archkit.analysis.network import AnalysisError
from archkit.analysis.result import Analysis, ComponentResult, JourneyResult

__all__ = ["Analysis", "AnalysisDiff", "AnalysisError", "ComponentResult", "JourneyResult", "analyze", "diff"]
