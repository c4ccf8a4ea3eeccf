import streamlit as st

st.title("countries")
st.info("This page is being built.")
