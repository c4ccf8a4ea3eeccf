import streamlit as st

st.title("projections")
st.info("This page is being built.")
