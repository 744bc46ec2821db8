"""What a user does and sees, on a database session, without Qt."""
