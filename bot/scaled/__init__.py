"""The scaled profile: PostgreSQL, Redis, Rasa replicas, action servers, nginx (docs/deploy.md)."""
