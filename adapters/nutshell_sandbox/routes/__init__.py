"""The sandbox's route modules, one per family of Nutshell resources; each registers into the router."""
