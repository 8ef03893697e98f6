"""Pure chart functions: data frames in, plotly figures and formatted text out."""
