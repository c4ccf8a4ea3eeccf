"""What leaves the dashboard besides the pages: the PDF brief and the citations."""
