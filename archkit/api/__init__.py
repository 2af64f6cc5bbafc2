"""API design, in the pure core: documents built from the model (OpenAPI 3.1, GraphQL SDL,
proto), the spec rules that lint any OpenAPI document, and the diff that classifies changes.

Nothing here writes files or starts processes; the CLI and the notebook do (``archkit api``).
"""

from archkit.api.documents import ApiDocument, api_documents
from archkit.api.openapi import openapi_document

__all__ = ["ApiDocument", "api_documents", "openapi_document"]
