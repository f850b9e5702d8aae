"""The only layer that mixes the database session with domain logic. Services own transactions."""
