int greet(const char *);
