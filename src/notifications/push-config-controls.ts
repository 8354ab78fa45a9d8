import { pushConfigOf, PushConfigError, setPushConfig } from '../engine/wechat/push-config.js';
import { appByIdOrDefault } from '../engine/wechat/user-actions.js';
import type { WechatState } from '../engine/wechat/model.js';
import { action } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxWechatPushConfigRequest } from '../types/sandbox/wechat-push-config.request.js';

/**
 * `/_sandbox/wechat/push-config`: the MP console's server settings of an Official Account, where
 * its card events are pushed (part of the WeChat control table).
 */
export const pushConfigControls = {
  setPushConfig: action(
    {
      method: 'POST',
      path: '/_sandbox/wechat/push-config',
      summary: "Set an Official Account's push settings",
      request: schemaId('sandbox/wechat-push-config.request.json'),
      writes: true,
    },
    (s: WechatState, input: SandboxWechatPushConfigRequest) => {
      try {
        return setPushConfig(s, input);
      } catch (error) {
        if (error instanceof PushConfigError) throw new ControlError(400, 'BAD_REQUEST', error.message);
        throw error;
      }
    },
  ),
  pushConfig: action(
    { method: 'GET', path: '/_sandbox/wechat/push-config', summary: "An Official Account's push settings (?appid=)", writes: false },
    (s: WechatState, input: { appid?: string }) => {
      const app = appByIdOrDefault(s, input.appid);
      const config = pushConfigOf(s, app.appid);
      if (!config) throw new ControlError(404, 'NOT_FOUND', `${app.appid} has no push settings`);
      return config;
    },
  ),
};
