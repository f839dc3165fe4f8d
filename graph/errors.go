package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an Error; the API maps each code to one HTTP status.
type Code string

const (
	NotFound    Code = "not_found"   // no such entity, statement or document
	Invalid     Code = "invalid"     // a bad parameter or input; Msg names it
	Conflict    Code = "conflict"    // a write raced another and lost
	TooLarge    Code = "too_large"   // input over a documented limit
	Unavailable Code = "unavailable" // the store cannot be reached now
	Internal    Code = "internal"    // anything else
)

// Error is the one error type of the domain. Op is where it happened
// ("sqlite.Entity"), Msg what a user should read, Err the cause, if any.
type Error struct {
	Code Code
	Op   string
	Msg  string
	// Param names the request parameter at fault, for Invalid errors.
	Param string
	Err   error
}

func (e *Error) Error() string {
	s := e.Op + ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message.
func Errorf(code Code, op, format string, args ...any) *Error {
	return &Error{Code: code, Op: op, Msg: fmt.Sprintf(format, args...)}
}

// InvalidParam returns an Invalid error that names the parameter at fault.
func InvalidParam(op, param, format string, args ...any) *Error {
	return &Error{Code: Invalid, Op: op, Param: param, Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error of the given code around err, or nil if err is nil.
// An err that already is an *Error keeps its own code.
func Wrap(code Code, op, msg string, err error) error {
	if err == nil {
		return nil
	}
	var ge *Error
	if errors.As(err, &ge) {
		return &Error{Code: ge.Code, Op: op, Msg: msg, Param: ge.Param, Err: err}
	}
	return &Error{Code: code, Op: op, Msg: msg, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, Internal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Code
	}
	return Internal
}

// ErrorMessage returns the user-facing message of err: the messages of the
// *Error values in its chain, outermost first, joined by ": ". Other
// errors in the chain are left out (their text may leak internals); an
// err with no *Error gives "internal error".
func ErrorMessage(err error) string {
	var parts []string
	for {
		var ge *Error
		if !errors.As(err, &ge) {
			break
		}
		parts = append(parts, ge.Msg)
		err = ge.Err
	}
	if len(parts) == 0 {
		return "internal error"
	}
	return strings.Join(parts, ": ")
}
