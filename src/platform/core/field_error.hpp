#pragma once
#include <exception>
#include <string>
#include <vector>

namespace superapp::platform::core {

/// One invalid input field: `field` is a path such as "items[0].quantity".
struct FieldError {
    std::string field;
    std::string message;
};

/// Thrown when input fails validation; the HTTP layer turns it into a 422 problem.
class ValidationFailed : public std::exception {
  public:
    explicit ValidationFailed(std::vector<FieldError> errors) : errors_(std::move(errors)) {}
    const std::vector<FieldError>& errors() const noexcept { return errors_; }
    const char* what() const noexcept override { return "validation failed"; }

  private:
    std::vector<FieldError> errors_;
};

}  // namespace superapp::platform::core
