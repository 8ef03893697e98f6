"""Streamlit pages, run by ``st.navigation`` from app.py; ``common`` holds their shared
context, cached query wrappers and the one error renderer."""
