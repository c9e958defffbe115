from organiser import create_app

app = create_app()
