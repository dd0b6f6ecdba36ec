/** Domain errors: thrown by services, mapped to status and envelope once, in lib/http. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message, 400, "validation_error");
  }

  /** One problem with one field, e.g. `Invalid.field("endTime", "must be after startTime")`. */
  static field(path: string, problem: string): Invalid {
    return new Invalid(`${path}: ${problem}`, { [path]: [problem] });
  }
}

export class Unauthorized extends DomainError {
  constructor(message = "Authentication required") {
    super(message, 401, "unauthorized");
  }
}

export class Forbidden extends DomainError {
  constructor(message = "You do not have permission to do this") {
    super(message, 403, "forbidden");
  }
}

export class NotFound extends DomainError {
  constructor(message = "Not found") {
    super(message, 404, "not_found");
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, "rate_limited");
  }
}
