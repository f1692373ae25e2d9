import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TooManyRequestsError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { LoginFailuresRepository } from './login-failures.repository';
import { throttleAddress } from './throttle-address';

/** A login attempt that has been counted as a failure until it succeeds. */
export interface LoginAttempt {
  readonly usernameKeyHash: string;
  /** The failure rows reserved for this attempt (one per key). */
  readonly failureIds: readonly string[];
}

/**
 * Brute-force protection of the login: at most `maxFailuresPerUsername` failed logins per
 * username and `maxFailuresPerIp` per client address within a sliding window, then 429 with
 * Retry-After. The counters are rows in PostgreSQL, so every API replica (and embedded mode)
 * shares them.
 *
 * Each attempt is counted as a failure *before* the password is checked, under a lock on its keys:
 * a burst of concurrent guesses cannot get past the limit, and an attempt cut short (a crash, an
 * error) stays counted. A successful login takes its rows back and resets the username's counter;
 * the address's counter keeps its earlier failures.
 *
 * Unknown usernames are counted like known ones, by the submitted name, so a 429 does not reveal
 * whether an account exists. Only SHA-256 hashes of the keys are stored.
 */
@Injectable()
export class LoginThrottleService {
  private readonly limits: AppConfig['auth']['login'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly failures: LoginFailuresRepository,
    config: AppConfig,
  ) {
    this.limits = config.auth.login;
  }

  /**
   * Counts the attempt as a failure, or throws TooManyRequestsError if the username or the address
   * has reached its limit. Call `attemptSucceeded` once the credentials have been verified.
   */
  async reserveAttempt(username: string, ip: string | undefined): Promise<LoginAttempt> {
    const keys = await this.failures.keysOf(username, throttleAddress(ip));
    const { maxFailuresPerUsername, maxFailuresPerIp, windowSeconds } = this.limits;
    return this.dataSource.transaction(async (em) => {
      // Always the username's lock, then the address's: two attempts never wait for each other in
      // opposite orders, so they cannot deadlock. READ COMMITTED: each statement after the locks
      // sees the rows of the attempts that held them before.
      await this.failures.lockKey(keys.username, em);
      await this.failures.lockKey(keys.address, em);
      const retryAfterSeconds = Math.max(
        await this.failures.secondsUntilBelowLimit(keys.username, maxFailuresPerUsername, windowSeconds, em),
        await this.failures.secondsUntilBelowLimit(keys.address, maxFailuresPerIp, windowSeconds, em),
      );
      if (retryAfterSeconds > 0)
        throw new TooManyRequestsError(retryAfterSeconds, 'Too many failed logins; try again later');
      const failureIds = await this.failures.insertFailures([keys.username, keys.address], em);
      return { usernameKeyHash: keys.username, failureIds };
    });
  }

  /** The credentials were right: forget this attempt and the username's earlier failures. */
  async attemptSucceeded(attempt: LoginAttempt): Promise<void> {
    await this.failures.deleteAfterSuccess([...attempt.failureIds], attempt.usernameKeyHash);
  }
}
