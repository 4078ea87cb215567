/*
 * TwoStep: security keys and passkeys on TwoStep's pages (served as P/static/webauthn.js).
 *
 * Plain script, loaded with <script src defer>; the pages allow no inline script. Each
 * ceremony is an element with data-webauthn="register" | "verify" | "login" holding one
 * <button> and one status element (role="status"). The element says everything the script
 * needs in data attributes: data-options and data-finish (the JSON API's two addresses),
 * data-csrf (the session's token for the X-CSRF-Token header), the texts data-msg-* in the
 * page's language, and optionally data-password (id of a password input), data-name (id of a
 * key-name input), data-trust (id of the "trust this device" checkbox), data-done (id of the
 * hidden section that shows backup codes), data-next (where to go after adding a key) and
 * data-reverify (where to go when the server wants a fresh verification).
 *
 * The element starts hidden, so a browser without script shows nothing it cannot use.
 */
(function () {
  'use strict';

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      var out = { type: d.type, id: fromBase64url(d.id) };
      if (d.transports) {
        out.transports = d.transports;
      }
      return out;
    });
  }

  /** The server's JSON creation options as navigator.credentials.create needs them. */
  function creationOptions(json) {
    if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    var options = Object.assign({}, json);
    options.challenge = fromBase64url(json.challenge);
    options.user = Object.assign({}, json.user, { id: fromBase64url(json.user.id) });
    options.excludeCredentials = descriptors(json.excludeCredentials);
    return options;
  }

  /** The server's JSON request options as navigator.credentials.get needs them. */
  function requestOptions(json) {
    if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    var options = Object.assign({}, json);
    options.challenge = fromBase64url(json.challenge);
    options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }

  /** A credential as PublicKeyCredential.toJSON() gives it, by hand where the browser has no toJSON. */
  function credentialJson(credential) {
    if (typeof credential.toJSON === 'function') {
      return credential.toJSON();
    }
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
      if (typeof r.getAuthenticatorData === 'function') {
        response.authenticatorData = toBase64url(r.getAuthenticatorData());
      }
      if (typeof r.getPublicKey === 'function' && r.getPublicKey()) {
        response.publicKey = toBase64url(r.getPublicKey());
      }
      if (typeof r.getPublicKeyAlgorithm === 'function') {
        response.publicKeyAlgorithm = r.getPublicKeyAlgorithm();
      }
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) {
        response.userHandle = toBase64url(r.userHandle);
      }
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: response
    };
  }

  /** A JSON POST with the CSRF header; answers {status, body} (body null when there is none). */
  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {})
    }).then(function (answer) {
      return answer.text().then(function (text) {
        var parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch (e) {
          parsed = null;
        }
        return { status: answer.status, body: parsed };
      });
    });
  }

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function Ceremony(element) {
    this.element = element;
    this.kind = element.getAttribute('data-webauthn');
    this.button = element.querySelector('button');
    this.status = element.querySelector('[role="status"]');
    this.data = element.dataset;
  }

  Ceremony.prototype.say = function (text, isError) {
    if (this.status) {
      this.status.textContent = text || '';
      this.status.className = isError ? 'error' : 'hint';
    }
  };

  Ceremony.prototype.message = function (name) {
    return this.data['msg' + name.charAt(0).toUpperCase() + name.slice(1)] || this.data.msgFailed || '';
  };

  /** What the server's error code means to the user; reverification leaves the page. */
  Ceremony.prototype.refused = function (answer) {
    var error = answer.body && answer.body.error;
    if (error === 'reverification_required' && this.data.reverify) {
      window.location.assign(this.data.reverify);
      return;
    }
    var texts = {
      invalid_credentials: 'refused',
      invalid_code: 'refused',
      invalid_credential: 'refused',
      locked: 'locked',
      too_many_keys: 'tooMany',
      no_keys: 'refused',
      no_ceremony: 'expired',
      csrf: 'expired'
    };
    this.say(this.message(texts[error] || 'failed'), true);
    if (error === 'invalid_credentials' && this.kind === 'register') {
      var password = byId(this.data.password);
      if (password) {
        password.setAttribute('aria-invalid', 'true');
        password.focus();
      }
    }
  };

  /** The browser's refusals: the user cancelled or timed out, or the key is already registered. */
  Ceremony.prototype.failed = function (error) {
    if (error && error.name === 'NotAllowedError') {
      this.say(this.message('cancelled'), true);
    } else if (error && error.name === 'InvalidStateError' && this.kind === 'register') {
      this.say(this.message('already'), true);
    } else {
      this.say(this.message('failed'), true);
    }
  };

  Ceremony.prototype.run = function () {
    var self = this;
    var csrf = this.data.csrf;
    var first = {};
    if (this.kind === 'register') {
      var password = byId(this.data.password);
      if (password) {
        if (!password.value) {
          password.setAttribute('aria-invalid', 'true');
          password.focus();
          self.say(self.message('password'), true);
          return;
        }
        first.password = password.value;
      }
    }
    this.button.disabled = true;
    this.say(this.message('wait'), false);
    post(this.data.options, csrf, first).then(function (answer) {
      if (answer.status !== 200 || !answer.body || !answer.body.publicKey) {
        self.refused(answer);
        return null;
      }
      var publicKey = answer.body.publicKey;
      var asked = self.kind === 'register'
          ? navigator.credentials.create({ publicKey: creationOptions(publicKey) })
          : navigator.credentials.get({ publicKey: requestOptions(publicKey) });
      return asked.then(function (credential) {
        return self.finish(credential);
      }, function (error) {
        self.failed(error);
      });
    }).catch(function () {
      self.say(self.message('failed'), true);
    }).then(function () {
      self.button.disabled = false;
    });
  };

  Ceremony.prototype.finish = function (credential) {
    var self = this;
    var body = { credential: credentialJson(credential) };
    if (this.kind === 'register') {
      var name = byId(this.data.name);
      if (name && name.value) {
        body.name = name.value;
      }
    }
    if (this.kind === 'verify') {
      var trust = byId(this.data.trust);
      body.trustDevice = !!(trust && trust.checked);
    }
    return post(this.data.finish, this.data.csrf, body).then(function (answer) {
      if (answer.status !== 200 || !answer.body) {
        self.refused(answer);
        return;
      }
      if (self.kind !== 'register') {
        self.say(self.message('done'), false);
        window.location.assign(answer.body.redirect);
        return;
      }
      var codes = answer.body.backupCodes;
      var done = byId(self.data.done);
      if (codes && codes.length && done) {
        self.showCodes(done, codes);
      } else {
        self.say(self.message('done'), false);
        window.location.assign(self.data.next || window.location.href);
      }
    });
  };

  /** The first key is the user's second factor: show the backup codes, as the app's set-up does. */
  Ceremony.prototype.showCodes = function (done, codes) {
    var list = done.querySelector('ol');
    list.textContent = '';
    codes.forEach(function (code) {
      var item = document.createElement('li');
      var text = document.createElement('code');
      text.textContent = code;
      item.appendChild(text);
      list.appendChild(item);
    });
    var save = done.querySelector('a[download]');
    if (save) {
      save.href = 'data:text/plain;charset=utf-8,' + encodeURIComponent(codes.join('\n') + '\n');
    }
    (this.data.hide || '').split(' ').forEach(function (id) {
      var hidden = byId(id);
      if (hidden) {
        hidden.hidden = true;
      }
    });
    this.element.hidden = true;
    done.hidden = false;
    var heading = done.querySelector('h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  };

  function start() {
    var elements = document.querySelectorAll('[data-webauthn]');
    var supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials
        && typeof fetch === 'function';
    Array.prototype.forEach.call(elements, function (element) {
      var ceremony = new Ceremony(element);
      element.hidden = false;
      if (!supported) {
        ceremony.button.disabled = true;
        ceremony.button.hidden = true;
        ceremony.say(ceremony.message('unsupported'), false);
        return;
      }
      ceremony.button.addEventListener('click', function (event) {
        event.preventDefault();
        ceremony.run();
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
