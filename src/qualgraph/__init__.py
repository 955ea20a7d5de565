"""qualgraph: a knowledge graph of qualifications frameworks, their levels and the decisions that relate them."""

__version__ = "0.1.0"
