"""Display words of the product, Chinese and English, in one place: graph/ returns codes, and the API,
the pages, the exports and the CLI turn them into words here."""
