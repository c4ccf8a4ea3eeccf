"""The baseline for the cold-start benchmark: a bare Streamlit app that draws one Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare app")
st.plotly_chart(go.Figure(go.Scatter(x=[2020, 2021, 2022, 2023, 2024], y=[1, 3, 2, 4, 3])))
