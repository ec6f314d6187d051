"""The sandbox against Nutshell's own word: the OpenAPI document and the live wire samples."""
