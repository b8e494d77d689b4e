"""The security core: accounts, tokens, the caller's principal, PII masking, the audit trail, hardening."""
