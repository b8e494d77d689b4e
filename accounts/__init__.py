"""Accounts: users, tokens, passwords, the principal, login limits, audit and personal-data masking."""
