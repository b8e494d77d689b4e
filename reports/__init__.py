"""Reports: the export writers (CSV, XLSX, GraphML, GEXF) and the columns of each report."""
