package auth

// OnVerify makes s call fn each time a password reaches the hash check, so
// a test can count how many guesses the limits let through.
func OnVerify(s *Service, fn func()) { s.onVerify = fn }
